import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { BodyPipe } from '../http/body.pipe.js';
import { parseOrderRequest } from './order.request.js';
import type { Order, OrderRequest } from './order.types.js';
import { OrdersService } from './orders.service.js';

/** `POST /orders` and `GET /orders/:id`. */
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /**
   * @param request `{ sku, quantity }`
   * @returns the confirmed order (201)
   * @throws 400 naming the field at fault, 404 for an unknown SKU, 409 when not enough is in stock,
   *   503 (with Retry-After while the circuit is open) or 504 when the inventory cannot be reached
   */
  @Post()
  place(@Body(new BodyPipe(parseOrderRequest)) request: OrderRequest): Promise<Order> {
    return this.orders.place(request);
  }

  /**
   * @param id the order's id
   * @returns the order
   * @throws NotFoundException (404) for an unknown id
   */
  @Get(':id')
  find(@Param('id') id: string): Order {
    return this.orders.find(id);
  }
}
